// Orders the e2e files longest first across the engines' projects. vitest's own order runs one project's files
// before the next project's, so with two workers both would start on Chromium files and Firefox's longest file
// would start last; longest first starts each engine's longest file at once and fills in with the short ones.
// "Longest" is the duration vitest cached from the last run on this checkout when every file has one, else the
// file size (a clean clone has no cache).
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (spec: TestSpecification) => `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
    const durations = files.map((spec) => this.ctx.cache.getFileTestResults(key(spec))?.duration);
    const byDuration = durations.every((duration) => duration !== undefined && duration > 0);
    const length = files.map((spec, index) => (byDuration ? durations[index]! : (this.ctx.cache.getFileStats(key(spec))?.size ?? 0)));
    return files
      .map((spec, index) => ({ spec, index }))
      .sort((a, b) => length[b.index]! - length[a.index]! || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
