// Pool Guide: a pasted error message is searched by its words, without what differs from
// run to run and that no page can contain: a warning's "path:line: " prefix, paths,
// addresses and numbers (PIDs). Sphinx's searchtools.js uses this splitQuery when one is
// defined before it loads (sphinx/themes/basic/static/searchtools.js).
var splitQuery = (query) =>
  query
    .replace(/^\s*\S+:\d+:\s+/, " ")
    .replace(/0x[0-9a-f]+/gi, " ")
    .replace(/(?:\/[^\s/'"():,]+)+\/?/g, " ")
    .replace(/\d+/g, " ")
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((term) => term);
