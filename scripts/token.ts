// Mints a development token (signed with AUTH_JWT_SECRET or the development secret).

import { DEPARTMENTS, type Department, identityFromClaims, mintToken, ROLES, type Role } from '@lip/shared/auth';
import { fail, integerOption, parseCommandLine } from '@lip/shared/cli';

const USAGE = `
usage: npm run token -- [--role ROLE] [--region CODE] [--department DEPARTMENT] [--sub ID] [--name NAME] [--hours N]

Prints a bearer token for the gateway, signed with AUTH_JWT_SECRET or the development secret.
  --role         ${ROLES.join(', ')} (default CITY_ADMIN)
  --region       the region the role is confined to: 4112 (the city), a county (411202),
                 a township (411202001)… (default 4112)
  --department   ${DEPARTMENTS.join(', ')}
                 (required for DEPARTMENT_OFFICER and SERVICE)
  --sub, --name  the subject and display name recorded in audit logs
  --hours        validity (default 8)

  export TOKEN=$(npm run -s token -- --role ANALYST --region 411282)
  curl -s http://127.0.0.1:4000/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"query":"{ categoryCounts { countyName category persons } }"}'
`;

const values = parseCommandLine(USAGE, {
  role: { type: 'string', default: 'CITY_ADMIN' },
  region: { type: 'string', default: '4112' },
  department: { type: 'string' },
  sub: { type: 'string' },
  name: { type: 'string' },
  hours: { type: 'string', default: '8' },
});

try {
  const identity = identityFromClaims({
    sub: values.sub ?? `${values.role.toLowerCase()}-${values.region}`,
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
      expiresIn: `${integerOption('hours', values.hours, USAGE)}h`,
    }),
  );
} catch (error) {
  fail((error as Error).message, USAGE);
}
