-- 在线访谈: an interview announced (预告), held live (直播中) with a transcript posted
-- as it happens, then finished (已结束) with its record and a video link. Citizens'
-- questions are shown only after approval; their names and phones stay in the back
-- office. Guest photos and transcript images are content-checked images.
CREATE TABLE interact_interviews (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    scheduled_at  TIMESTAMP NOT NULL,
    state         TEXT NOT NULL,
    started_at    TIMESTAMP,
    finished_at   TIMESTAMP,
    video_url     TEXT NOT NULL DEFAULT '',
    created_by    INTEGER REFERENCES users(id),
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX interact_interviews_scheduled ON interact_interviews(scheduled_at);

CREATE TABLE interact_interview_images (
    id            INTEGER PRIMARY KEY,
    interview_id  INTEGER NOT NULL REFERENCES interact_interviews(id),
    file_name     TEXT NOT NULL,
    mime          TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX interact_interview_images_interview ON interact_interview_images(interview_id);

CREATE TABLE interact_interview_guests (
    id            INTEGER PRIMARY KEY,
    interview_id  INTEGER NOT NULL REFERENCES interact_interviews(id),
    name          TEXT NOT NULL,
    job_title     TEXT NOT NULL,
    photo_id      INTEGER REFERENCES interact_interview_images(id),
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX interact_interview_guests_interview ON interact_interview_guests(interview_id);

CREATE TABLE interact_interview_posts (
    id            INTEGER PRIMARY KEY,
    interview_id  INTEGER NOT NULL REFERENCES interact_interviews(id),
    speaker       TEXT NOT NULL,
    content       TEXT NOT NULL,
    image_id      INTEGER REFERENCES interact_interview_images(id),
    posted_at     TIMESTAMP NOT NULL
);
CREATE INDEX interact_interview_posts_interview ON interact_interview_posts(interview_id, id);

CREATE TABLE interact_interview_questions (
    id              INTEGER PRIMARY KEY,
    interview_id    INTEGER NOT NULL REFERENCES interact_interviews(id),
    content         TEXT NOT NULL,
    masked_content  TEXT NOT NULL,
    name            TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    answer          TEXT NOT NULL DEFAULT '',
    answered_at     TIMESTAMP,
    decided_at      TIMESTAMP,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX interact_interview_questions_interview ON interact_interview_questions(interview_id, status);
