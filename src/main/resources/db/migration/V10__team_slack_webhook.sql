-- A team's Slack channel: alerts to its people are also posted to this incoming webhook. Empty = email only.
ALTER TABLE team ADD COLUMN slack_webhook_url VARCHAR(500);
