/** What a piece of content is. Detected from its bytes, never from a file name. A `document` (PDF) gets the text signals on its text layer and the file digests on its bytes. */
export const CONTENT_TYPES = ['photo', 'video', 'audio', 'text', 'url', 'file', 'document'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
