export { builtinCallee, callTarget, invokingCall, type CallForm, type CallTarget } from './callee.js';
export { memberNameNode, propertyNameText, staticMemberName } from './member-name.js';
export { isTransparentWrapper, skipWrappersDown, skipWrappersUp } from './wrappers.js';
export { typeNodeMentions } from './type-nodes.js';
export { skipValueChoicesUp } from './value-choices.js';
export { someReturnedValue } from './returns.js';
export { boundNames, isConstList, isConstVariable } from './declarations.js';
