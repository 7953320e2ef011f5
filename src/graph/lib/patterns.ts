/** The contract's path-parameter patterns, checked before any upstream call. */
export const OBJECT_ID = /^[a-f0-9]{24}$/;
export const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
const PIPELINE_NAME = /^[^/\\ "$]{1,64}$/u;

/** `.` and `..` match the contract's pattern, but URL normalisation would reroute them. */
export const isPipelineName = (name: string) =>
  PIPELINE_NAME.test(name) && name !== '.' && name !== '..';
export const isClusterName = (name: string) => CLUSTER_NAME.test(name);
