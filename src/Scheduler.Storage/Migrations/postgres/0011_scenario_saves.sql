-- Who stored a scenario version (a planner saving it from the page, 'scheduler submit'); null for
-- the versions stored before this schema and for those stored beside a run.
ALTER TABLE scenarios ADD COLUMN submitted_by TEXT;

-- Saving a scenario version is audited.
ALTER TABLE audit DROP CONSTRAINT audit_action_check;
ALTER TABLE audit ADD CONSTRAINT audit_action_check CHECK (action IN ('adopt', 'replan', 'publish', 'token-add', 'token-revoke', 'scenario-save'));
