-- 诉求工单: results pushed back to the platform an order came from (12345, the
-- national 我为政府网站找错 platform), one row per result (办结 or 退回; a 办结 after
-- a reopen is a new result), delivered by the minute job to orders.push_back_url.
-- delivery_id is sent as X-Delivery-Id so the receiver can drop a repeat; state:
-- pending → sending → sent, or failed after the last attempt.
CREATE TABLE order_pushbacks (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES work_orders(id),
    source       TEXT NOT NULL,
    source_no    TEXT NOT NULL,
    event        TEXT NOT NULL,
    result       TEXT NOT NULL,
    result_at    TIMESTAMP NOT NULL,
    delivery_id  TEXT NOT NULL UNIQUE,
    state        TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      TIMESTAMP NOT NULL,
    locked_at    TIMESTAMP,
    last_error   TEXT NOT NULL DEFAULT '',
    sent_at      TIMESTAMP,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX order_pushbacks_due ON order_pushbacks(state, next_at);
CREATE INDEX order_pushbacks_order ON order_pushbacks(order_id);

-- 签收 / 办结 reminders raised by the daily job, once per order, deadline and due
-- date (as interact_reminders); a transfer or reopen gives a new due date.
CREATE TABLE order_reminders (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES work_orders(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    deadline    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    due_on      DATE NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (order_id, deadline, due_on)
);
