export { buildFlowGraph } from './build.js';
export { ALL_EDGES, ESCAPED, SETTLED, escapes, reaches, type EdgeFilter, type FinallyCopy, type FlowGraph, type FlowNode, type FlowNodeKind } from './graph.js';
