// A short join link from the projector: resolved in the browser, then on to the join page.
export const ssr = false;
