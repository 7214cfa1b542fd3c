-- The public list filters on (state, disclosure, column_kind) and orders by
-- (published_on, id): one index serves the page, the count and the order.
CREATE INDEX documents_public_list ON documents(state, disclosure, column_kind, published_on, id);
DROP INDEX documents_public;
