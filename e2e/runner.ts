// A tiny test runner: named async tests, run in order, TAP-like lines and a summary.
export interface TestCase {
  name: string;
  fn: () => Promise<void>;
}

export async function runTests(tests: TestCase[]): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const started = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`ok - ${t.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.log(`not ok - ${t.name}`);
      const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.log(text.split('\n').map((l) => `  # ${l}`).join('\n'));
    }
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}
