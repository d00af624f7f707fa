/**
 * The import rules of the tree (issue 14): every import points down a layer, nothing forms a cycle, and
 * no product code loads a test helper. `npm run deps` (part of `npm run lint`, so CI) fails on a
 * violation; test/layers.test.ts shows each rule failing on an upward import.
 *
 *   engine/contracts/   schemas and types; imports nothing but zod
 *   support             engine/{errors,paths,log,random,faults,models,protocol,llm-clients,summarize}: contracts only,
 *                       plus the base support (errors, paths, log, random)
 *   stages              engine/{audio,wake,vad,asr,reply,router,tts,store,offload}: contracts + support,
 *                       and only these lower stages: wake/vad/asr/tts → audio, reply → router,
 *                       offload → store
 *   engine/pipeline/    the conversation reducer and runner: contracts, support, stages
 *   app                 engine/app/ (composition root, api, cli, config loading, eval tooling),
 *                       electron/, renderer/, bin/: may use everything below, and cloud/ (the embedded
 *                       summarizer)
 *   cloud/              contracts + support (errors, log, random, faults, paths, protocol, llm-clients, summarize); nothing
 *                       of the kiosk
 *
 * Test code (*.test.ts(x), *.conformance.ts, test/, bench/) may import anything; production code may not
 * import it.
 */
const STAGES = 'audio|wake|vad|asr|reply|router|tts|store|offload';
const SUPPORT = 'errors|paths|log|random|faults|models|protocol|llm-clients|summarize';
const TEST_CODE = ['\\.test\\.tsx?$', '\\.conformance\\.ts$', '^test/', '^bench/'];
// The ASR eval harness (engine/app/eval) synthesizes its dev set with test/fixtures/synth.ts; it is a
// measuring tool that start/run/engine/Electron never load, so it counts as tooling here.
const TOOLING = [...TEST_CODE, '^engine/app/eval/'];

/** A rule that only looks at product code (tests may reach anywhere to set things up). */
const fromProduct = (path) => ({ path, pathNot: TOOLING });

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Product modules must not form an import cycle.',
      from: { pathNot: TOOLING },
      to: { circular: true, viaOnly: { pathNot: TOOLING } },
    },
    {
      name: 'no-production-to-test',
      severity: 'error',
      comment: 'Product code never imports tests, fixtures, test/support peers or benchmarks.',
      from: { pathNot: TOOLING },
      to: { path: TEST_CODE },
    },
    {
      name: 'contracts-import-nothing',
      severity: 'error',
      comment:
        'engine/contracts holds schemas and types only: it imports other contracts and zod, nothing else.',
      from: fromProduct('^engine/contracts/'),
      to: { pathNot: ['^engine/contracts/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'support-below-stages',
      severity: 'error',
      comment:
        'Support modules (errors, paths, log, faults, models, protocol, llm-clients) see only contracts.',
      from: fromProduct(`^engine/(${SUPPORT})/`),
      to: { path: [`^engine/(${STAGES}|pipeline|app)/`, '^(cloud|electron|renderer|bin)/'] },
    },
    {
      name: 'support-not-sideways',
      severity: 'error',
      comment: 'A support module may use the base support (errors, paths, log, random), not another support module.',
      from: fromProduct('^engine/(faults|models|protocol|llm-clients|summarize)/'),
      to: { path: '^engine/(faults|models|protocol|llm-clients|summarize)/', pathNot: '^engine/$1/' },
    },
    {
      name: 'base-support-stays-base',
      severity: 'error',
      comment: 'errors, paths, log and random are the bottom of support: they use contracts only.',
      from: fromProduct('^engine/(errors|paths|log|random)/'),
      to: { path: `^engine/(${SUPPORT})/`, pathNot: '^engine/$1/' },
    },
    {
      name: 'stage-not-up',
      severity: 'error',
      comment:
        'A stage gets its settings passed in: it never imports the pipeline, the app (config loading, api, cli), cloud/ or the shells.',
      from: fromProduct(`^engine/(${STAGES})/`),
      to: { path: ['^engine/(pipeline|app)/', '^(cloud|electron|renderer|bin)/'] },
    },
    {
      name: 'stage-not-sideways-audio-users',
      severity: 'error',
      comment: 'wake, vad, asr and tts may use audio; no other stage.',
      from: fromProduct('^engine/(wake|vad|asr|tts)/'),
      to: { path: `^engine/(${STAGES})/`, pathNot: ['^engine/$1/', '^engine/audio/'] },
    },
    {
      name: 'stage-not-sideways-reply',
      severity: 'error',
      comment: 'reply may use router (the route decision); no other stage.',
      from: fromProduct('^engine/reply/'),
      to: { path: `^engine/(${STAGES})/`, pathNot: ['^engine/reply/', '^engine/router/'] },
    },
    {
      name: 'stage-not-sideways-offload',
      severity: 'error',
      comment: 'offload may use store (the outbox and inbox it relays); no other stage.',
      from: fromProduct('^engine/offload/'),
      to: { path: `^engine/(${STAGES})/`, pathNot: ['^engine/offload/', '^engine/store/'] },
    },
    {
      name: 'stage-not-sideways-leaf',
      severity: 'error',
      comment: 'audio, router and store use no other stage.',
      from: fromProduct('^engine/(audio|router|store)/'),
      to: { path: `^engine/(${STAGES})/`, pathNot: '^engine/$1/' },
    },
    {
      name: 'pipeline-not-up',
      severity: 'error',
      comment: 'The pipeline is built by the app; it never imports the app, cloud/ or the shells.',
      from: fromProduct('^engine/pipeline/'),
      to: { path: ['^engine/app/', '^(cloud|electron|renderer|bin)/'] },
    },
    {
      name: 'cloud-sees-contracts',
      severity: 'error',
      comment: 'cloud/ is a separate service: it sees contracts and shared support, nothing of the kiosk.',
      from: fromProduct('^cloud/'),
      to: {
        path: ['^engine/', '^(electron|renderer|bin)/'],
        pathNot: '^engine/(contracts|errors|log|random|faults|paths|protocol|llm-clients|summarize)/',
      },
    },
    {
      name: 'renderer-through-the-api',
      severity: 'error',
      comment: 'The UI talks to the engine only through contracts and the typed API client.',
      from: fromProduct('^renderer/src/'),
      to: { path: ['^engine/', '^(cloud|electron|bin)/'], pathNot: '^engine/(contracts|app/api/client)/' },
    },
    {
      name: 'known-layers-only',
      severity: 'error',
      comment:
        'Every engine/ folder belongs to a layer named above; a new folder is added to these rules first.',
      from: {
        path: '^engine/',
        pathNot: [`^engine/(contracts|${SUPPORT}|${STAGES}|pipeline|app)/`, ...TOOLING],
      },
      to: {},
    },
    {
      name: 'not-to-unknown-layer',
      severity: 'error',
      comment: 'Nothing imports an engine/ folder that is not a known layer.',
      from: {},
      to: { path: '^engine/', pathNot: `^engine/(contracts|${SUPPORT}|${STAGES}|pipeline|app)/` },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a file that moved.',
      from: {},
      // electron is an optional dependency, absent on a build machine without a display.
      to: { couldNotResolve: true, pathNot: '^electron$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: ['(^|/)node_modules/', '(^|/)dist/', '^engine/asr/pocketsphinx/native/build/', '^models/'],
    },
    // Type-only imports count: a stage that names the pipeline's types still depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
