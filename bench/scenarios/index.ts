/** @file The registry of benchmark scenarios: name -> (dataset folder, scale name) => figures. */
import type { Figure } from '../measure.js';
import { analysisScenario } from './analysis.js';
import { curationScenario } from './curation.js';
import { gpuScenario } from './gpu.js';
import { uiScenario } from './ui.js';
import { openScenario } from './open.js';

export type Scenario = (dir: string, scale: string) => Promise<Figure[]>;

export const SCENARIOS: Record<string, Scenario> = {
  open: openScenario,
  curation: curationScenario,
  analysis: analysisScenario,
  gpu: gpuScenario,
  ui: uiScenario,
};
