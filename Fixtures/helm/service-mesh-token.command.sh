helm upgrade --install cf-gitops-runtime --create-namespace --namespace gitops \
  --set argo-cd.enabled=false \
  --set global.codefresh.userToken.token="$CF_API_KEY" \
  --set global.runtime.name=mesh \
  --set global.runtime.ingressUrl=https://runtime.mesh.example.com/cf \
  --set global.runtime.ingress.enabled=false \
  --set tunnel-client.enabled=false \
  --set global.integrations.argo-cd.server.svc=argo-cd-server \
  --set global.integrations.argo-cd.server.port=8080 \
  --set global.integrations.argo-cd.server.rootpath=/argocd \
  --set global.integrations.argo-cd.repoServer.svc=argo-cd-repo-server \
  --set global.integrations.argo-cd.repoServer.port=18081 \
  --set global.integrations.argo-cd.server.auth.type=token \
  --set global.integrations.argo-cd.server.auth.tokenSecretKeyRef.name=argocd-api \
  --set global.integrations.argo-cd.server.auth.tokenSecretKeyRef.key=api.token \
  oci://quay.io/codefresh/gitops-runtime --wait --timeout 10m
