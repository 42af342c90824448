-- Case ids are V- and at least 6 digits; lpad alone would cut V-1000000 to V-100000.
CREATE FUNCTION case_id_of(n bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'V-' || lpad(n::text, greatest(6, length(n::text)), '0')
$$;
--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "id" SET DEFAULT case_id_of(nextval('case_number_seq'));
