# Build with the Maven wrapper, run on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/connections-console-*.jar extract --destination /app

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app console
WORKDIR /app
COPY --from=build /app /app
# Ahead-of-time processed beans plus a class data sharing archive from a training run shorten every start.
COPY bin/train-cds.sh /usr/local/bin/train-cds.sh
RUN train-cds.sh /app
# The JIT compiler settings that shorten the start on few cores (see the file; the JVM's warning about
# ThreadPriorityPolicy at start is explained there).
COPY bin/jvm.options /app/jvm.options
USER console
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options -Dspring.aot.enabled=true -XX:SharedArchiveFile=/app/app.jsa -Xshare:auto $JAVA_OPTS -jar /app/connections-console-*.jar"]
