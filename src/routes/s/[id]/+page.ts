// The board is a live client: it loads over the API and the websockets once the page runs.
export const ssr = false;
