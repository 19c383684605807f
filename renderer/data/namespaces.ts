import type { NamespacePageRequest } from '../../shared/access-contract';
import { callApi } from '../api/call-api';

/** A page of one cluster's namespaces, what the kit's namespace picker lists on any screen. */
export const listNamespaces = (request: NamespacePageRequest) => callApi('clusters:namespaces', request);
