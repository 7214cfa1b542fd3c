-- 网民留言 reminders raised by the daily job: the same once-only record as
-- foi_reminders (whose case_id references foi_cases, so it cannot hold letters):
-- one row per letter, deadline (sign / reply) and due date; a new due date (the
-- one extension) is a new deadline. unit_id: the receiving unit whose 互动办理人
-- the reminder is for.
CREATE TABLE interact_reminders (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES interact_messages(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    deadline    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    due_on      DATE NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (message_id, deadline, due_on)
);
