// The public face of main/clusters (the kubeconfig's contexts as the window lists them): other folders import only this file.
export { createClusters, type Clusters } from './clusters';
