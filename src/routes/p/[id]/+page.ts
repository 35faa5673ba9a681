// The observer token lives in the URL fragment, which only the browser can read.
export const ssr = false;
