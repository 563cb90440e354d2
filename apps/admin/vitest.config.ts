import { defineConfig } from 'vitest/config';

// Unit specs of plain modules: none of vite.config.ts's build plugins (federation, React) are needed.
export default defineConfig({
  test: { include: ['src/**/*.spec.ts'] },
});
