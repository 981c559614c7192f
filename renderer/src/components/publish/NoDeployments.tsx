/** What to add to skylift.yaml when the project names no deployment yet. */
export function NoDeployments({ projectName }: { projectName: string }) {
  const snippet = [
    'deployments:',
    '  prod:',
    '    target: aws-lambda',
    '    profile: my-aws        # a profile from the Profiles page',
    '    region: eu-west-1',
    `    function: ${projectName || 'my-function'}`,
    '    alias: live',
  ].join('\n');
  return (
    <div className="alert alert-info" role="status" data-testid="publish-no-deployments">
      <p className="alert-title">This project names no deployment yet</p>
      <p>
        Add one to skylift.yaml in the Project step and save it; publishing uses the profile it names, so CI publishes to the same place. Profiles
        (credentials) are managed on the <a href="#/profiles">Profiles</a> page.
      </p>
      <pre className="code-block" aria-label="Example deployments entry">{snippet}</pre>
    </div>
  );
}
