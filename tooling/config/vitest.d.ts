import type { UserConfig } from 'vitest/config';

export function definePackageTestConfig(overrides?: UserConfig): UserConfig;
