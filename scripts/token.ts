// Mints a development token (signed with AUTH_JWT_SECRET or the development secret).
//   pnpm token --role TOWNSHIP_WORKER --region 411202001 [--department CIVIL_AFFAIRS] [--sub w-1] [--name 张三] [--hours 8]
// Paste it in the explorer's headers as {"Authorization": "Bearer <token>"}.
import { parseArgs } from 'node:util';
import { DEPARTMENTS, ROLES, identityFromClaims, mintToken, type Department, type Role } from '@lip/shared/auth';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'CITY_ADMIN' },
    region: { type: 'string', default: '4112' },
    department: { type: 'string' },
    sub: { type: 'string' },
    name: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
});

try {
  const identity = identityFromClaims({
    sub: values.sub ?? `${values.role!.toLowerCase()}-${values.region}`,
    name: values.name,
    role: values.role as Role,
    department: values.department as Department | undefined,
    region: values.region,
  });
  console.log(
    await mintToken(identity, {
      secret: process.env.AUTH_JWT_SECRET,
      issuer: process.env.AUTH_ISSUER,
      audience: process.env.AUTH_AUDIENCE,
      expiresIn: `${Number(values.hours)}h`,
    }),
  );
} catch (error) {
  console.error(`${(error as Error).message}\nroles: ${ROLES.join(', ')}\ndepartments: ${DEPARTMENTS.join(', ')}`);
  process.exit(2);
}
