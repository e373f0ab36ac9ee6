/**
 * @file Compiled compute pipelines, one per (WGSL file, entry point, override constants), per device.
 *
 * WGSL sources live next to their kernel module and are read with fs relative to the module's own
 * URL (`new URL('./x.wgsl', import.meta.url)`), so they work from the TypeScript sources (tsx) and
 * from dist/ as long as the build copies the .wgsl files alongside the emitted .js.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sources = new Map<string, string>();

/** The text of a WGSL file, read once per process. */
export function loadWgsl(url: URL): string {
  const key = url.href;
  let text = sources.get(key);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(url), 'utf8');
    sources.set(key, text);
  }
  return text;
}

/** Pipeline-overridable constants (WGSL `override` declarations) by name. */
export type OverrideConstants = Readonly<Record<string, number>>;

export class PipelineCache {
  private readonly modules = new Map<string, GPUShaderModule>();
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();

  constructor(private readonly device: GPUDevice) {}

  /**
   * The compute pipeline for `entryPoint` of the WGSL file at `url`, compiled on first use.
   * Compilation errors reject with the shader's diagnostics (file, line, message).
   */
  get(
    url: URL,
    entryPoint = 'main',
    constants: OverrideConstants = {},
  ): Promise<GPUComputePipeline> {
    const constKey = Object.keys(constants)
      .sort()
      .map((k) => `${k}=${constants[k]}`)
      .join(',');
    const key = `${url.href}#${entryPoint}?${constKey}`;
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      pipeline = this.compile(url, entryPoint, constants);
      // A failed compile is not cached: the next call reports the error again.
      pipeline.catch(() => this.pipelines.delete(key));
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  /** Forgets every module and pipeline (the device is going away). */
  clear(): void {
    this.modules.clear();
    this.pipelines.clear();
  }

  private async compile(
    url: URL,
    entryPoint: string,
    constants: OverrideConstants,
  ): Promise<GPUComputePipeline> {
    let module = this.modules.get(url.href);
    if (!module) {
      // Captured so a broken shader is reported once, through getCompilationInfo below, instead
      // of also being printed by Dawn as an uncaptured error.
      this.device.pushErrorScope('validation');
      module = this.device.createShaderModule({ code: loadWgsl(url), label: url.pathname });
      void this.device.popErrorScope();
      this.modules.set(url.href, module);
    }
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length > 0) {
      this.modules.delete(url.href);
      const where = fileURLToPath(url);
      const text = errors.map((m) => `${where}:${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
      throw new Error(`WGSL compilation failed:\n${text}`);
    }
    return this.device.createComputePipelineAsync({
      label: `${url.pathname}#${entryPoint}`,
      layout: 'auto',
      compute: { module, entryPoint, constants: { ...constants } },
    });
  }
}
