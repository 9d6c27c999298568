/** The workbench shell: session, top bar, and the page for the current #/route. */
import { useEffect, useState } from 'react';
import { api, type User } from './api.js';
import { go, useRoute } from './router.js';
import { Login } from './pages/login.js';
import { Home } from './pages/home.js';
import { DepartmentPage } from './pages/department.js';
import { UploadPage } from './pages/upload.js';
import { DocumentPage } from './pages/document.js';
import { EditorPage } from './pages/editor.js';

const ROLE: Record<string, string> = { admin: '管理员', reviewer: '审核人（财政局）', filer: '填报人（部门）' };

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const route = useRoute();

  useEffect(() => {
    api.session().then(setUser, () => setUser(null));
  }, []);

  if (user === undefined) return <div className="loading">正在加载…</div>;
  if (user === null) return <Login onLogin={(u) => { setUser(u); if (route.path[0] === 'login') go('#/'); }} />;

  const [page, a, , c] = route.path;
  let body;
  if (page === 'department' && a) body = <DepartmentPage id={Number(a)} />;
  else if (page === 'upload') body = <UploadPage query={route.query} user={user} />;
  else if (page === 'document' && a) body = <DocumentPage id={Number(a)} user={user} />;
  else if (page === 'edit' && a && c) body = <EditorPage department={Number(a)} year={Number(c)} />;
  else body = <Home />;

  return (
    <div className="shell">
      <header className="top">
        <a className="brand" href="#/">决算工作台</a>
        <nav>
          <a href="#/">部门与年度</a>
          <a href="#/upload">上传审核</a>
        </nav>
        <span className="who">
          {user.username}（{ROLE[user.role] ?? user.role}）
          <button
            className="link"
            onClick={async () => {
              await api.logout().catch(() => undefined);
              setUser(null);
            }}
          >
            退出
          </button>
        </span>
      </header>
      <main>{body}</main>
    </div>
  );
}
