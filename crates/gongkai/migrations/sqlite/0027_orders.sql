-- 诉求工单: 12345 hotline work orders, 我为政府网站找错 reports, phone calls and
-- Open311 requests, on the working-day clock. The requester's contact stays in the
-- back office; public pages and the Open311 API read public_description only.
CREATE TABLE order_services (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    group_name  TEXT NOT NULL DEFAULT '',
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    sort_order  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO order_services (code, name, description, group_name, sort_order) VALUES
  ('street_vending', '占道经营', '占用道路、人行道设摊经营', '市容环境', 10),
  ('illegal_building', '违法建设', '未经许可搭建建筑物、构筑物', '规划建设', 20),
  ('night_construction', '夜间施工噪声', '夜间施工产生噪声扰民', '环境噪声', 30),
  ('cooking_fumes', '油烟扰民', '餐饮油烟直排、扰民', '环境污染', 40),
  ('muck_transport', '渣土运输', '渣土车辆撒落、无证运输', '市容环境', 50),
  ('outdoor_ads', '户外广告', '违规设置户外广告、店招', '市容环境', 60),
  ('waste_sorting', '垃圾分类', '未按规定分类投放、收运', '市容环境', 70),
  ('shared_bikes', '共享单车', '共享单车乱停放、占道', '市容环境', 80),
  ('website_error', '网站内容纠错', '我为政府网站找错：错别字、链接错误、内容过期、无法访问等', '政府网站', 90),
  ('other', '其他', '其他城市管理诉求', '其他', 100);

-- Working days per step, per source and urgency.
CREATE TABLE order_clock (
    source      TEXT NOT NULL,
    urgency     TEXT NOT NULL,
    accept_days INTEGER NOT NULL,
    finish_days INTEGER NOT NULL,
    PRIMARY KEY (source, urgency)
);
INSERT INTO order_clock (source, urgency, accept_days, finish_days) VALUES
  ('hotline', 'normal', 1, 15), ('hotline', 'urgent', 1, 5),
  ('site_error', 'normal', 1, 3), ('site_error', 'urgent', 1, 3),
  ('site_form', 'normal', 1, 3), ('site_form', 'urgent', 1, 3),
  ('phone', 'normal', 1, 15), ('phone', 'urgent', 1, 5),
  ('open311', 'normal', 1, 15), ('open311', 'urgent', 1, 5);

CREATE TABLE work_orders (
    id                 INTEGER PRIMARY KEY,
    source             TEXT NOT NULL,
    source_no          TEXT NOT NULL,
    service_code       TEXT NOT NULL REFERENCES order_services(code),
    description        TEXT NOT NULL,
    public_description TEXT NOT NULL,
    address            TEXT NOT NULL DEFAULT '',
    district           TEXT NOT NULL DEFAULT '',
    lat                REAL,
    lon                REAL,
    contact_name       TEXT NOT NULL DEFAULT '',
    contact_phone      TEXT NOT NULL DEFAULT '',
    contact_email      TEXT NOT NULL DEFAULT '',
    urgency            TEXT NOT NULL,
    page_url           TEXT NOT NULL DEFAULT '',
    error_type         TEXT NOT NULL DEFAULT '',
    unit_id            INTEGER NOT NULL REFERENCES units(id),
    status             TEXT NOT NULL,
    received_on        DATE NOT NULL,
    accept_due         DATE NOT NULL,
    finish_due         DATE NOT NULL,
    accepted_on        DATE,
    finished_on        DATE,
    closed_on          DATE,
    return_reason      TEXT NOT NULL DEFAULT '',
    result             TEXT NOT NULL DEFAULT '',
    reply              TEXT NOT NULL DEFAULT '',
    satisfaction       TEXT NOT NULL DEFAULT '',
    reopened           BOOLEAN NOT NULL DEFAULT FALSE,
    query_code         TEXT NOT NULL,
    token              TEXT NOT NULL UNIQUE,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    UNIQUE (source, source_no)
);
CREATE INDEX work_orders_status ON work_orders(status, unit_id);
CREATE INDEX work_orders_received ON work_orders(received_on);

-- Each step of an order (the history shown to staff; the public sees labels only).
CREATE TABLE work_order_events (
    id       INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES work_orders(id),
    at       TIMESTAMP NOT NULL,
    kind     TEXT NOT NULL,
    actor    TEXT NOT NULL,
    unit_id  INTEGER REFERENCES units(id),
    note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX work_order_events_order ON work_order_events(order_id);

-- Screenshots, attachments and on-site photos (bytes stored by SHA-256 on disk).
CREATE TABLE work_order_files (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES work_orders(id),
    kind       TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX work_order_files_order ON work_order_files(order_id);
