// Many-pair correlogram counts (phylib's algorithm before symmetrisation), one invocation per
// spike i: walk j = i+1, i+2, ... while the binned lag (t_j - t_i) / binSize stays <= halfBins and
// count ccg[slot_i][slot_j][lag] with an atomic add. WGSL has no 64-bit integers, so times are
// (lo, hi) u32 halves of the offset from the first spike; the 64-bit difference is formed with a
// borrow, and any difference >= 2^32 samples is far outside every window.

struct Params {
  start: u32,     // first spike of this chunk
  count: u32,     // spikes in this chunk
  n: u32,         // total spikes
  nSlots: u32,
  binSize: u32,   // samples per bin
  halfBins: u32,  // largest lag counted, in bins
  nLags: u32,     // halfBins + 1
  _pad: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> times: array<vec2u>;  // (lo, hi)
@group(0) @binding(2) var<storage, read> slots: array<u32>;
@group(0) @binding(3) var<storage, read_write> ccg: array<atomic<u32>>;

override WG: u32 = 64u;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= p.count) {
    return;
  }
  let i = p.start + gid.x;
  let ti = times[i];
  let row = slots[i] * p.nSlots;
  for (var j = i + 1u; j < p.n; j++) {
    let tj = times[j];
    let borrow = select(0u, 1u, tj.x < ti.x);
    if (tj.y - ti.y - borrow != 0u) {
      break;
    }
    let lag = (tj.x - ti.x) / p.binSize;
    if (lag > p.halfBins) {
      break;
    }
    atomicAdd(&ccg[(row + slots[j]) * p.nLags + lag], 1u);
  }
}
