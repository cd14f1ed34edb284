ALTER TABLE notification.notifications RENAME COLUMN next_attempt_at TO due_at;
