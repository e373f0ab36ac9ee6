// Svelte compiler options for the renderer (read by vite-plugin-svelte and svelte-check).
// TypeScript in <script lang="ts"> is type-only, which Svelte 5 strips natively: no preprocessor.
export default {
  compilerOptions: { runes: true },
};
