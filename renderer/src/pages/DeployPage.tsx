import { Placeholder } from '../components/Placeholder';

export function DeployPage() {
  return (
    <Placeholder title="Deploy">
      Here you will open a model project, build one image per target, test each image locally, and
      publish the ones you choose to AWS Lambda or Azure Functions.
    </Placeholder>
  );
}
