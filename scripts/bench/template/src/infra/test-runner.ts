export interface TestCase {
  readonly name: string;
  check(): boolean | Promise<boolean>;
}

export interface TestReport {
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly string[];
}

export class TestRunner {
  private readonly cases: TestCase[] = [];

  add(testCase: TestCase): this {
    this.cases.push(testCase);
    return this;
  }

  async run(filter = ''): Promise<TestReport> {
    const failures: string[] = [];
    let passed = 0;
    for (const testCase of this.cases.filter((c) => c.name.includes(filter))) {
      if (await testCase.check()) passed += 1;
      else failures.push(testCase.name);
    }
    return { passed, failed: failures.length, failures };
  }
}
