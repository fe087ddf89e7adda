/**
 * The cached path's targets (issues 15 and 31), as the bench reports them: each with the figure measured in this run
 * and whether it is met. The layers they read are named here, and the bench measures them under these names.
 */
export const TARGET_LAYERS = {
  cachedSingle: 'REST single by documentId (cached)',
  singleNotModified: 'REST single by documentId, 304 (If-None-Match)',
  listNotModified: 'REST list, 304 (If-None-Match)',
} as const;

/**
 * What the targets read of a run: each layer's ratio to its L0 anchor, the list's bytes on the wire, and for a cache
 * hit (by layer name) its rate with the request log ÷ without it.
 */
export interface TargetInputs {
  vsL0: ReadonlyMap<string, number | undefined>;
  wire: { listIdentity: number; listBrotli: number };
  logCost: ReadonlyMap<string, number | undefined>;
}

export interface TargetResult {
  target: string;
  measured: number | undefined;
  met: boolean;
}

const atLeast = (target: string, measured: number | undefined, bound: number): TargetResult => ({
  target,
  measured,
  met: measured !== undefined && measured >= bound,
});

export function targetResults({ vsL0, wire, logCost }: TargetInputs): TargetResult[] {
  const brotli = wire.listIdentity > 0 ? Number((wire.listBrotli / wire.listIdentity).toFixed(3)) : undefined;
  return [
    atLeast('cached single release ≥ 0.6 × L0 sending the same bytes', vsL0.get(TARGET_LAYERS.cachedSingle), 0.6),
    atLeast("its 304 ≥ 0.5 × L0's own 304 (issue 15: 0.4)", vsL0.get(TARGET_LAYERS.singleNotModified), 0.5),
    atLeast("the list's 304 ≥ 0.5 × L0's own 304 (issue 15: 0.4)", vsL0.get(TARGET_LAYERS.listNotModified), 0.5),
    atLeast(
      'the cached single release with the request log ≥ 0.9 × without',
      logCost.get(TARGET_LAYERS.cachedSingle),
      0.9,
    ),
    atLeast('its 304 with the request log ≥ 0.9 × without', logCost.get(TARGET_LAYERS.singleNotModified), 0.9),
    {
      target: 'the list in brotli ≤ 0.2 × its bytes as is',
      measured: brotli,
      met: brotli !== undefined && brotli <= 0.2,
    },
  ];
}
