// The HTTP server: one express app with /healthz, the notice feeds and the platforms' endpoints.
export { serve } from './serve.js';
export { createHttpApp, listen, type RunningServer } from './http.js';
