package io.nightshift.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/** A DataSource wrapper that counts the SQL statements executed through it. */
final class StatementCounter {

	private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
			"executeLargeUpdate", "executeBatch", "executeLargeBatch");

	private final AtomicLong statements = new AtomicLong();

	long count() {
		return this.statements.get();
	}

	DataSource wrap(DataSource target) {
		return proxy(DataSource.class, target, (proxy, method, args) -> {
			Object result = invoke(target, method, args);
			return (result instanceof Connection connection) ? connection(connection) : result;
		});
	}

	private Connection connection(Connection target) {
		return proxy(Connection.class, target, (proxy, method, args) -> {
			Object result = invoke(target, method, args);
			return (result instanceof Statement statement) ? statement(statement) : result;
		});
	}

	private Statement statement(Statement target) {
		Class<?> type = (target instanceof java.sql.CallableStatement) ? java.sql.CallableStatement.class
				: (target instanceof java.sql.PreparedStatement) ? java.sql.PreparedStatement.class : Statement.class;
		return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					if (EXECUTIONS.contains(method.getName())) {
						this.statements.incrementAndGet();
					}
					return invoke(target, method, args);
				});
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
		return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
