import { DEFAULT_IMAGE_LIMITS } from '../../media/image-decoder.js';
import { ContentSource, type MediaPorts } from '../content-source.js';

/** Ports for text and URL content: nothing is decoded, so the image decoder must never run. */
export const TEXT_PORTS: MediaPorts = {
  imageDecoder: { decode: () => Promise.reject(new Error('text content is never decoded as an image')) },
  imageLimits: DEFAULT_IMAGE_LIMITS,
};

export const textContent = (text: string): ContentSource => ContentSource.fromText(text, TEXT_PORTS);
export const urlContent = (url: string): ContentSource => ContentSource.fromUrl(url, TEXT_PORTS);
