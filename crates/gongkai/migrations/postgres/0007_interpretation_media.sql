-- Attachments of an interpretation (images, video) besides those of the document.
ALTER TABLE attachments ADD COLUMN purpose TEXT NOT NULL DEFAULT 'document';
