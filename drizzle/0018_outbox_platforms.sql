-- Issue 12: a deployment may serve Slack, DingTalk or both. A DM names the
-- platform of its person's id, and a row's result says where it landed on each
-- platform (a channel message goes to every platform served). Everything
-- written before was Slack's.
UPDATE "outbox" SET "recipient" = "recipient" || '{"platform": "slack"}'::jsonb
WHERE "recipient"->>'type' = 'user' AND NOT ("recipient" ? 'platform');
--> statement-breakpoint
UPDATE "outbox" SET "result" = jsonb_build_object('slack', "result")
WHERE "result" ? 'ts' AND "result" ? 'channel';
