// esbuild bundles imported CSS into the page's stylesheet.
declare module '*.css';

/** The URL (relative to the page) of livekit-client's E2EE worker, bundled beside the app. */
declare const __LKS_E2EE_WORKER__: string;
