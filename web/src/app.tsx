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
import { PublicPage } from './pages/public.js';

const ROLE: Record<string, string> = { admin: '管理员', reviewer: '审核人（财政局）', filer: '填报人（部门）' };

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const route = useRoute();

  useEffect(() => {
    api.session().then(setUser, () => setUser(null));
  }, []);

  if (user === undefined) return <div className="loading">正在加载…</div>;
  const [page, a, , c] = route.path;
  if (user === null) {
    // Without sign-in: the public pages at / (and #/public); any other address asks to sign in first.
    if (page === undefined || page === 'public')
      return (
        <div className="public">
          <header className="public-top">
            <a className="brand" href="#/">决算公开</a>
            <a href="#/login">工作人员登录</a>
          </header>
          <main>
            <PublicPage />
          </main>
        </div>
      );
    return <Login onLogin={(u) => { setUser(u); if (page === 'login') go('#/'); }} />;
  }

  let body;
  if (page === 'public') body = <PublicPage />;
  else if (page === 'department' && a) body = <DepartmentPage id={Number(a)} user={user} />;
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
          <a href="#/public">公开信息</a>
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
