-- 智能小城: sentence vectors of the FAQ bank's questions and 相似问法, computed once per
-- text and model (when an entry changes), not at every start. `model` is the model
-- file's SHA-256 prefix, `text_hash` the SHA-256 of the embedded text, `vector` the
-- little-endian f32 values in hex.
CREATE TABLE qa_vectors (
    model     TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vector    TEXT NOT NULL,
    PRIMARY KEY (model, text_hash)
);
