// Brute-force k nearest neighbours (k <= 8, dims <= 64), one query per invocation. Reference points
// are streamed through workgroup memory in tiles shared by the 64 queries of a workgroup.
// Each invocation keeps its k best (distance^2, index) sorted ascending; a candidate enters only if
// strictly closer than the current k-th, and is inserted after entries with an equal distance, so
// ties resolve to the smaller reference index (references are visited in increasing index order).
// NaN distances never compare less, so they are never selected (same rule as the CPU oracle).
// Points are zero-padded to a multiple of 4 dimensions and handled as vec4 (padding adds 0).

struct Params {
  start: u32,
  count: u32,
  nRef: u32,
  dims4: u32,      // vec4s per point: ceil(dims / 4)
  k: u32,
  tileRefs: u32,   // references per tile: floor(TILE_VEC4 / dims4)
  hasExclude: u32,
  _pad: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> queries: array<vec4f>;
@group(0) @binding(2) var<storage, read> refs: array<vec4f>;
@group(0) @binding(3) var<storage, read> exclude: array<i32>;
@group(0) @binding(4) var<storage, read_write> outIndex: array<u32>;
@group(0) @binding(5) var<storage, read_write> outDist2: array<f32>;

const WG: u32 = 64u;
const MAX_DIMS4: u32 = 16u;
const MAX_K: u32 = 8u;
const TILE_VEC4: u32 = 512u;
const NONE: u32 = 0xffffffffu;
const FAR: f32 = 3.4028234e38;

var<workgroup> tile: array<vec4f, TILE_VEC4>;

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let item = wid.x * WG + lid.x;
  let inRange = item < p.count;
  let qi = p.start + item;
  let d = p.dims4;
  let k = p.k;

  var q: array<vec4f, MAX_DIMS4>;
  var bestD: array<f32, MAX_K>;
  var bestI: array<u32, MAX_K>;
  for (var s = 0u; s < MAX_K; s++) {
    bestD[s] = FAR;
    bestI[s] = NONE;
  }
  var skip = NONE;
  if (inRange) {
    for (var c = 0u; c < d; c++) {
      q[c] = queries[qi * d + c];
    }
    if (p.hasExclude != 0u && exclude[qi] >= 0) {
      skip = u32(exclude[qi]);
    }
  }

  // Every invocation (inRange or not) joins the tile loads: barriers need uniform control flow.
  for (var base = 0u; base < p.nRef; base += p.tileRefs) {
    let nTile = min(p.tileRefs, p.nRef - base);
    workgroupBarrier();
    for (var f = lid.x; f < nTile * d; f += WG) {
      tile[f] = refs[base * d + f];
    }
    workgroupBarrier();
    if (inRange) {
      for (var r = 0u; r < nTile; r++) {
        let j = base + r;
        if (j == skip) {
          continue;
        }
        var acc = vec4f(0.0);
        for (var c = 0u; c < d; c++) {
          let t = q[c] - tile[r * d + c];
          acc += t * t;
        }
        let dist = (acc.x + acc.y) + (acc.z + acc.w);
        if (dist < bestD[k - 1u]) {
          var s = k - 1u;
          while (s > 0u && bestD[s - 1u] > dist) {
            bestD[s] = bestD[s - 1u];
            bestI[s] = bestI[s - 1u];
            s--;
          }
          bestD[s] = dist;
          bestI[s] = j;
        }
      }
    }
  }

  if (inRange) {
    for (var s = 0u; s < k; s++) {
      outIndex[qi * k + s] = bestI[s];
      outDist2[qi * k + s] = bestD[s];
    }
  }
}
