import { definePackageTestConfig } from './vitest.js';

export default definePackageTestConfig({ test: { include: ['*.test.js'] } });
