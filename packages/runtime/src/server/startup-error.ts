/** The server cannot start; `problems` lists every reason, one per line. */
export class StartupError extends Error {
  override name = 'StartupError';
  readonly problems: readonly string[];

  constructor(headline: string, problems: readonly string[] = []) {
    super(problems.length ? `${headline}\n${problems.map((p) => `  ${p}`).join('\n')}` : headline);
    this.problems = problems;
  }
}
