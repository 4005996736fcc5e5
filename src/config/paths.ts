import { fileURLToPath } from 'node:url';

/** The bundled knowledge base, next to src/ in the package. */
export const BUNDLED_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

/**
 * Where the parsed and indexed knowledge base is cached: derived data, as disposable as the rest of
 * node_modules (which `npm ci` starts afresh), and apart from DATA_DIR, which holds what must not be
 * lost and belongs to one server.
 */
export const KNOWLEDGE_CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/itkontakt/', import.meta.url));
