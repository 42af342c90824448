-- Issue #8 item 7: every reading the engine applies is a named setting of the
-- policy version (src/domain/policy/policy-version.ts, PolicyReadings), and
-- the stored FY22 row must equal src/domain/policy/fy22.ts. `validityWindow`
-- changes from the old 'half_open' (12 months back from the new case's notice
-- day) to R-P2's reading; the other keys were applied without being named.
-- Any other stored version keeps its own `cascadeConsumes` and gains the
-- readings that have one implementation.
UPDATE policy_versions
SET params = jsonb_set(params, '{readings}',
  (params->'readings') || jsonb_build_object(
    'period', 'civil_code',
    'validityWindow', 'notice_to_announcement_period',
    'paymentSplit', 'penalty_first',
    'deductionDay', 'formal_decision_day'))
WHERE params ? 'readings';
