helm upgrade --install prod1-runtime --create-namespace --namespace argocd \
  --set argo-cd.enabled=false \
  --set global.codefresh.userToken.token="$CF_API_KEY" \
  --set global.runtime.name=prod1 \
  --set global.runtime.gitCredentials.password.secretKeyRef.name=argocd-initial-admin-secret \
  --set global.runtime.gitCredentials.password.secretKeyRef.key=git-token \
  --set global.runtime.ingress.enabled=true \
  --set global.runtime.ingress.className=nginx-public \
  --set 'global.runtime.ingress.hosts[0]=runtime.example.com' \
  --set global.integrations.argo-cd.server.svc=argocd-server \
  --set global.integrations.argo-cd.server.port=80 \
  --set global.integrations.argo-cd.repoServer.svc=argocd-repo-server \
  --set global.integrations.argo-cd.repoServer.port=8081 \
  --set global.integrations.argo-cd.server.auth.type=password \
  --set global.integrations.argo-cd.server.auth.username=admin \
  --set global.integrations.argo-cd.server.auth.passwordSecretKeyRef.name=argocd-initial-admin-secret \
  --set global.integrations.argo-cd.server.auth.passwordSecretKeyRef.key=password \
  oci://quay.io/codefresh/gitops-runtime --wait --timeout 10m
