/** What a piece of content is. Detected from its bytes, never from a file name. */
export const CONTENT_TYPES = ['photo', 'video', 'audio', 'text', 'url', 'file'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
