-- The public list filtered by 体裁 (genre) had no index but the unfiltered one and
-- read every public row to find one genre: this one serves the filtered page, its
-- count and its order (published_on, id).
CREATE INDEX documents_genre_list ON documents(genre, state, disclosure, column_kind, published_on, id);
