/**
 * Preloaded with `node --import` into a process the bench starts: on exit it writes the
 * process's peak resident memory to stderr as `bench-peak-rss <bytes>`, for the parent to read.
 */
process.on('exit', () => {
  process.stderr.write(`\nbench-peak-rss ${process.resourceUsage().maxRSS * 1024}\n`);
});
