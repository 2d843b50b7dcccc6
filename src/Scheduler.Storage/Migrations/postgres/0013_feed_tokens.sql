-- Feed tokens: a calendar app cannot send a bearer header, so an iCalendar feed's URL carries its
-- own secret, of a role that reads feeds and nothing else.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check CHECK (role IN ('viewer', 'planner', 'admin', 'feed'));
