import { useState } from 'react';
import { ClusterBackups } from './ClusterBackups.tsx';
import { Clusters } from './Clusters.tsx';
import { Projects } from './Projects.tsx';

export interface ProjectChoice {
  atlasId: string;
  name: string;
}

/** Three levels, each opened from the one above: projects, a project's clusters, a cluster's backups. */
export function App() {
  const [project, setProject] = useState<ProjectChoice | null>(null);
  const [clusterName, setClusterName] = useState<string | null>(null);
  return (
    <main>
      <h1>Atlas Graph dashboard</h1>
      <div className="columns">
        <Projects
          selected={project?.atlasId ?? null}
          onOpen={(chosen) => {
            setProject(chosen);
            setClusterName(null);
          }}
        />
        {project && <Clusters project={project} selected={clusterName} onOpen={setClusterName} />}
      </div>
      {project && clusterName && (
        <ClusterBackups
          key={`${project.atlasId}/${clusterName}`}
          projectId={project.atlasId}
          clusterName={clusterName}
        />
      )}
    </main>
  );
}
